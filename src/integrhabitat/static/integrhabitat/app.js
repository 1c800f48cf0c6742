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
  // The attribute, not `form.method`: a field named "method" (the consent form has one) would shadow it.
  if ((form.getAttribute("method") || "get").toLowerCase() === "post" && !event.defaultPrevented) {
    window.setTimeout(() => {
      form.querySelectorAll("button").forEach((b) => { b.disabled = true; });
    }, 0);
  }
});
