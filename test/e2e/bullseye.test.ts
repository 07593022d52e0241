import { defineScenarios } from './scenarios.js';

await defineScenarios('bullseye', 'npm');
