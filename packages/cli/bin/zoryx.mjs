#!/usr/bin/env node
// A committed launcher (not in dist/) so package managers can link the bin before the first build.
import '../dist/cli.js';
