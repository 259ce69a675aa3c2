import { useEffect, useRef, useState } from "react";

const WARN_BEFORE_MS = 5 * 60_000;

type Phase = "quiet" | "warning" | "expired";

/**
 * Five minutes before the session would end for lack of use, asks whether to stay signed in. If the
 * session ends anyway, says so: a form sent afterwards is kept and comes back after signing in again.
 */
export function IdleWarning({ expiresAt }: { expiresAt: string }) {
  const [deadline, setDeadline] = useState(() => new Date(expiresAt).getTime());
  const [phase, setPhase] = useState<Phase>("quiet");
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => setDeadline(new Date(expiresAt).getTime()), [expiresAt]);

  useEffect(() => {
    setPhase("quiet");
    const timers = [
      window.setTimeout(() => setPhase("warning"), Math.max(0, deadline - WARN_BEFORE_MS - Date.now())),
      window.setTimeout(() => setPhase("expired"), Math.max(0, deadline - Date.now())),
    ];
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [deadline]);

  useEffect(() => {
    if (phase === "warning") button.current?.focus();
  }, [phase]);

  async function staySignedIn() {
    const response = await fetch("/session/keepalive", { method: "POST", headers: { Accept: "application/json" } });
    if (!response.ok) return setPhase("expired");
    const body = (await response.json()) as { expiresAt: string };
    setDeadline(new Date(body.expiresAt).getTime());
  }

  if (phase === "quiet") return null;
  return (
    <div
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="idle-warning-title"
      aria-describedby="idle-warning-text"
      className="fixed inset-x-4 bottom-4 z-50 mx-auto max-w-xl space-y-3 rounded-12 border-2 border-warning-orange-2 bg-white p-5 shadow-2"
    >
      <h2 id="idle-warning-title" className="text-std-18B-160">
        {phase === "warning" ? "まもなく自動的にログアウトします" : "ログアウトしました"}
      </h2>
      <p id="idle-warning-text">
        {phase === "warning"
          ? `操作がないため、${new Date(deadline).toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" })}にログアウトします。続ける場合は「ログインを続ける」を押してください。`
          : "一定時間操作がなかったため、ログアウトしました。入力中の内容は、送信するとログイン後の画面に戻ります。"}
      </p>
      {phase === "warning" ? (
        <button ref={button} type="button" onClick={staySignedIn} className="rounded-8 bg-key-800 px-5 py-2 text-white hover:bg-key-900">
          ログインを続ける
        </button>
      ) : null}
    </div>
  );
}
