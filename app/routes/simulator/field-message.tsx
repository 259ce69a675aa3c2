/** A field's message in the simulator, tied to the field by aria-describedby. */
import { fieldId } from "~/components/forms";

export const messageId = (path: string) => `${fieldId(path)}-message`;

export function FieldMessage({ path, messages }: { path: string; messages: Record<string, string> }) {
  const message = messages[path];
  if (!message) return null;
  return (
    <p id={messageId(path)} className="mt-1 text-dns-16N-130 text-error-2">
      {message}
    </p>
  );
}

/** aria attributes that tie a field to its message, when it has one. */
export function described(path: string, messages: Record<string, string>) {
  return messages[path] ? { "aria-invalid": true as const, "aria-describedby": messageId(path) } : { "aria-invalid": false as const };
}
