/** The page of a list paged on the server, from `?page=`: 1 to 999,999; anything else reads as 1. */
export function pageParam(params: URLSearchParams): number {
  const page = params.get("page") ?? "";
  return /^[1-9][0-9]{0,5}$/.test(page) ? Number(page) : 1;
}
