const Sequencer = require('@jest/test-sequencer').default;

/*
 * Two workers share the machine (2 cores) and one FerretDB. The suites that load them
 * most must not run side by side: the fault drills (a kill -9 burst timed against leases)
 * start first, the browser suite beside them, and the schema fuzz (10,000 operations)
 * runs last, when the other worker has only short suites left.
 */
const FIRST = ['faults.int.spec.ts', 'dashboard.e2e.spec.ts'];
const LAST = ['schemaFuzz.int.spec.ts'];

const named = (names) => (test) => names.some((name) => test.path.endsWith(name));
const rank = (names, test) => names.findIndex((name) => test.path.endsWith(name));

class SuiteOrder extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const first = sorted.filter(named(FIRST)).sort((a, b) => rank(FIRST, a) - rank(FIRST, b));
    const last = sorted.filter(named(LAST));
    const rest = sorted.filter((test) => !first.includes(test) && !last.includes(test));
    return [...first, ...rest, ...last];
  }
}

module.exports = SuiteOrder;
