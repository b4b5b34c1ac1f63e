import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildAppSchema, printAppSchema, schemaFile } from '../schema';

void buildAppSchema().then((schema) => {
  writeFileSync(schemaFile, printAppSchema(schema));
  console.log(`wrote ${schemaFile}`);
});
