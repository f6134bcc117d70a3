#!/usr/bin/env node
// Committed launcher, so npm can link the bin before `prepare` compiles dist/.
require("../dist/cli/main.js").main();
