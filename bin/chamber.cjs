#!/usr/bin/env node
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const entry = path.join(__dirname, '..', 'dist', 'cli', 'chamber.cjs');
if (!fs.existsSync(entry)) {
  process.stderr.write('chamber: the command line is not built yet. Run `npm install` (or `npm run build`) first.\n');
  process.exit(1);
}
require(entry);
