// Forms marked data-confirm ask first, naming what will happen (signing, revoking, rejecting
// cannot be undone). A refusal stops the submission before any button is disabled.
document.addEventListener(
  "submit",
  (event) => {
    const question = event.target.dataset ? event.target.dataset.confirm : undefined;
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true,
);

// Buttons marked data-once are disabled after their form is submitted, so a double click
// cannot send a signature twice. The server refuses a second signature regardless.
document.addEventListener("submit", (event) => {
  for (const button of event.target.querySelectorAll("button[data-once]")) {
    button.disabled = true;
    button.textContent = "Sedang diproses…";
  }
});
