import type { Response } from 'express';

/** The REST routes' error body, the same shape as GraphQL's: `{ errors: [{ message, extensions: { code } }] }`. */
export const sendError = (res: Response, status: number, code: string, message: string) =>
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
