#!/usr/bin/env node
'use strict';
// Thin launcher: the TypeScript sources are compiled to dist/ by `npm install` (prepare) and `npm start`.
try {
  require('../dist/cli.js').runCli(process.argv.slice(2));
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    console.error('qunzhu 尚未编译 (dist/cli.js missing). Run `npm install` (or `npm run build`) in the qunzhu folder first.');
    process.exit(1);
  }
  throw err;
}
