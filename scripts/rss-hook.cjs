// Preloaded by bench.mjs (node --require: a CommonJS preload costs the measured process nothing measurable,
// where --import started the ES module loader before a CommonJS entry and cost ~20 ms): writes the
// process's peak RSS (KiB) when it exits.
const { writeFileSync } = require('node:fs');

const file = process.env.VENV_DOCTOR_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
