#!/usr/bin/env node
// A committed launcher (not in dist/) so package managers can link the bin before the first
// build: a bin pointing into dist/ printed "Failed to create bin" on every fresh install.
import '../dist/cli.js';
