// The same scenarios with the single file (npm run build:exe), in a root that has no Node at all.
import { defineScenarios } from './scenarios.js';

await defineScenarios('bullseye', 'exe');
