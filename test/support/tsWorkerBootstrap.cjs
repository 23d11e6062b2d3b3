// Lets a worker thread run a TypeScript entry under plain Node: register tsx, then load the file named in argv.
require('tsx/cjs');
require(process.argv[2]);
