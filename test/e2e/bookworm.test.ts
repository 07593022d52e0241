import { defineScenarios } from './scenarios.js';

await defineScenarios('bookworm', 'npm');
