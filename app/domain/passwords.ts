/** Password rules for accounts, in one place for the browser and the server. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** How long a one-time link to set a password stays valid. */
export const PASSWORD_LINK_HOURS = 72;

/** The problem with a new password, in Japanese, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `パスワードは${PASSWORD_MIN_LENGTH}文字以上にしてください。`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `パスワードは${PASSWORD_MAX_LENGTH}文字以内にしてください。`;
  }
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) {
    return "パスワードにメールアドレスは使えません。";
  }
  return null;
}
