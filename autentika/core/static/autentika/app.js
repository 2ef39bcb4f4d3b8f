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

// A form marked data-idle-minutes (the draft editor) warns two minutes before the idle
// timeout ends the session, and "Perpanjang sesi" (data-idle-extend) asks the keep-alive
// address (data-keepalive) so the session stays (#28). Any request the page makes (the live
// preview) counts as activity too.
(() => {
  const form = document.querySelector("form[data-idle-minutes]");
  const warning = document.getElementById("idle-warning");
  if (!form || !warning) return;
  const idle = Number(form.dataset.idleMinutes) * 60 * 1000;
  const lead = Math.min(2 * 60 * 1000, idle / 2);
  warning.querySelector("[data-idle-left]").textContent = String(Math.round(lead / 60000));
  let timer;
  const arm = () => {
    window.clearTimeout(timer);
    warning.classList.add("d-none");
    timer = window.setTimeout(() => warning.classList.remove("d-none"), idle - lead);
  };
  const extend = () => fetch(form.dataset.keepalive, { credentials: "same-origin" }).then(arm);
  warning.querySelector("[data-idle-extend]").addEventListener("click", extend);
  document.body.addEventListener("htmx:afterRequest", arm);
  arm();
})();

// On a narrow screen the staff menu and account links fold behind the "Menu" button (#28).
(() => {
  const toggle = document.querySelector("[data-menu-toggle]");
  if (!toggle) return;
  const navbar = toggle.closest(".app-navbar");
  const narrow = window.matchMedia("(max-width: 767.98px)");
  const set = (folded) => {
    navbar.classList.toggle("folded", folded);
    toggle.setAttribute("aria-expanded", String(!folded));
  };
  const fit = () => {
    toggle.hidden = !narrow.matches;
    set(narrow.matches);
  };
  toggle.addEventListener("click", () => set(!navbar.classList.contains("folded")));
  narrow.addEventListener("change", fit);
  fit();
})();
