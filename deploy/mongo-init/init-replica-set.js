/* global rs, db, print, quit, sleep -- mongosh's shell globals */
// Run once by the compose service `mongo-init` (mongosh): makes the single mongod the
// replica set rs0, with its member addressed as mongo:27017, the name the app containers
// reach it by (the driver connects to members by their configured names). Idempotent: a
// set that is already initiated is left as it is, so `docker compose up` may rerun it.
const member = 'mongo:27017';

try {
  const status = rs.status();
  print(`replica set ${status.set} already initiated`);
} catch (error) {
  if (error.codeName !== 'NotYetInitialized') throw error;
  rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: member }] });
  print(`replica set rs0 initiated with ${member}`);
}

// The app starts when this exits 0: wait for the election, or its first writes would fail.
for (let second = 0; second < 60; second += 1) {
  if (db.hello().isWritablePrimary) {
    print('primary ready');
    quit(0);
  }
  sleep(1000);
}
print('no primary after 60 s');
quit(1);
