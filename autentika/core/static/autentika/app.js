// Buttons marked data-once are disabled after their form is submitted, so a double click
// cannot send a signature twice. The server refuses a second signature regardless.
document.addEventListener("submit", (event) => {
  for (const button of event.target.querySelectorAll("button[data-once]")) {
    button.disabled = true;
    button.textContent = "Sedang diproses…";
  }
});
