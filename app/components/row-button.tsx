/**
 * A button that adds or removes a row of a list. With JavaScript it changes the form in place; without, it
 * posts the form with its intent ("add:lines", "remove:lines:3") and the server saves the result.
 */
export function RowButton({
  intent,
  label,
  description,
  onClick,
  small = false,
  boxed = false,
}: {
  intent: string;
  label: string;
  /** What a screen reader says, where the visible label alone would be ambiguous ("削除" of which row). */
  description?: string;
  onClick: () => void;
  small?: boolean;
  boxed?: boolean;
}) {
  const look = boxed
    ? "rounded-8 border border-key-800 px-4 py-2 text-key-800 hover:bg-key-50"
    : `${small ? "text-dns-14N-130" : "text-dns-16N-130"} text-key-800 underline`;
  return (
    <button
      type="submit"
      name="intent"
      value={intent}
      formNoValidate
      aria-label={description}
      onClick={(e) => {
        e.preventDefault();
        onClick();
      }}
      className={look}
    >
      {label}
    </button>
  );
}
