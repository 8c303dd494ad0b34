// The demo CLI is issue #8; until it lands this explains what exists.
console.log('The switchyard demo CLI is not built yet (issue #8). The libraries and their tests are: run the README test command.');
