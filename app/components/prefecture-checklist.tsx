import { PREFECTURES } from "~/domain/prefectures";

/** The 47 prefectures as checkboxes named `areaPrefectures`; `onChange` gets the new selection in JIS order. */
export function PrefectureChecklist({ selected, onChange }: { selected: readonly string[]; onChange: (next: string[]) => void }) {
  return (
    <ul className="grid grid-cols-3 gap-1 sm:grid-cols-6">
      {PREFECTURES.map(([code, name]) => (
        <li key={code}>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              name="areaPrefectures"
              value={code}
              checked={selected.includes(code)}
              onChange={(e) => onChange([...selected.filter((c) => c !== code), ...(e.target.checked ? [code] : [])].sort())}
              className="size-4"
            />
            {name}
          </label>
        </li>
      ))}
    </ul>
  );
}
