// Access tokens for benchmark users. A token names its session (see server auth/sessions.ts),
// so each user gets a real session document first, as a login makes one.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { signAccessToken } = require('../server/dist/auth/tokens.js');

const DAY_MS = 24 * 60 * 60 * 1000;

/** `db`: the app's database (a mongodb Db); `user`: `{ _id, email, role }`. */
export async function accessTokenFor(db, user, jwtSecret) {
  const sid = randomUUID();
  const now = new Date();
  await db.collection('sessions').insertOne({
    _id: sid,
    userId: user._id,
    expiresAt: new Date(now.getTime() + DAY_MS),
    createdAt: now,
    updatedAt: now,
  });
  return signAccessToken(
    { sub: String(user._id), email: user.email, role: user.role, sid },
    jwtSecret,
  );
}
