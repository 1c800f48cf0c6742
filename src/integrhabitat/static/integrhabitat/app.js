// Progressive enhancement only: every page works without this file.
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const message = button && button.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
    return;
  }
  // Avoid double submits on slow connections; the server is idempotent anyway.
  const form = event.target;
  if (form.method.toLowerCase() === "post" && !event.defaultPrevented) {
    window.setTimeout(() => {
      form.querySelectorAll("button").forEach((b) => { b.disabled = true; });
    }, 0);
  }
});
