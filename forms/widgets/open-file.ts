/**
 * Opens a stored file with the form's credentials: `GET /api/files/:id` needs the signed-in
 * token, which a plain link cannot carry, so the file is fetched and handed to the browser as a
 * blob — shown in a new tab when it can be previewed (images, PDF), downloaded otherwise.
 */
const PREVIEW = /^(image\/(png|jpeg|gif|webp)|application\/pdf)$/;

export async function openFile(href: string, name: string, doFetch: typeof fetch): Promise<void> {
  const res = await doFetch(href);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  if (PREVIEW.test(blob.type)) {
    a.target = '_blank';
    a.rel = 'noopener';
  } else a.download = name;
  a.dataset.chanceryFile = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The tab or download has its copy once it started; the URL is released a minute later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
