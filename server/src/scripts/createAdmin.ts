import 'reflect-metadata';
import { runScript, withServerDatabase } from './serverDatabase';
import { parseArgs } from 'node:util';
import { assertPasswordStrength, hashPassword } from '../auth/passwords';
import { Role, UserModel } from '../modules/users/user.model';

const usage = 'Usage: npm run create-admin -- --email owner@example.com [--password "8+ bytes"]';

/**
 * Makes an account an admin: promotes it when it exists, or creates it with the given
 * password. Uses the same database as the server (MONGODB_URI, or the embedded one,
 * which must not be open by a running server at the same time).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, password: { type: 'string' } },
  });
  const email = values.email?.trim().toLowerCase();
  if (!email || !email.includes('@')) throw new Error(usage);

  await withServerDatabase(async (_database, config) => {
    const promoted = await UserModel.updateOne({ email }, { $set: { role: Role.ADMIN } });
    if (promoted.matchedCount > 0) {
      console.log(`${email} is now an admin.`);
      return;
    }
    if (!values.password)
      throw new Error(`No account for ${email} yet: give --password to create it.\n${usage}`);
    assertPasswordStrength(values.password);
    await UserModel.create({
      email,
      password: await hashPassword(values.password, config.passwordHashRounds),
      role: Role.ADMIN,
    });
    console.log(`Created admin ${email}.`);
  });
}

runScript(main);
