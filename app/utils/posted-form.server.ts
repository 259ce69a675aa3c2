/**
 * The form a page posted, or a 4xx answer in Japanese: a body that is not a form (another Content-Type, or
 * none) gets 415, one that cannot be read as the form it claims to be (a broken multipart body) gets 400.
 * Every action reads its form through this, so no malformed post ends in a 500.
 */
export async function postedForm(request: Request): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i.test(type)) {
    throw new Response("フォームとして送信されていないため、処理しませんでした。画面からもう一度操作してください。", {
      status: 415,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  try {
    return await request.formData();
  } catch {
    throw new Response("送信された内容を読み取れませんでした。画面からもう一度操作してください。", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}
