import { hash, verify } from "@node-rs/argon2";

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: the OWASP minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this when there is no account keeps a wrong e-mail as slow as a wrong password.
const UNUSED_HASH = "$argon2id$v=19$m=19456,t=2,p=1$osTAG+fKYEQaegy/mVz4og$MVjyRVlBqG9wRTpwaK92wxqFODGnVB94lV+Q/awJh4o";

export async function passwordMatches(storedHash: string | null, password: string): Promise<boolean> {
  try {
    const matches = await verify(storedHash ?? UNUSED_HASH, password);
    return storedHash !== null && matches;
  } catch {
    return false;
  }
}
