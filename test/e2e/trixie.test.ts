import { defineScenarios } from './scenarios.js';

await defineScenarios('trixie', 'npm');
