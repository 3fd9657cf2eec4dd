// newsevents pages: small enhancements only; every page works without this file.
"use strict";

function autoSubmitFilters() {
  // Changing a select in a filter form applies it at once (typing in text boxes still needs Enter).
  document.querySelectorAll("form.filters select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
}

function scrollEvidenceIntoBoxes() {
  // Each scrollable article on an event page opens at its highlighted evidence sentence.
  document.querySelectorAll(".article-text").forEach((box) => {
    const mark = box.querySelector("mark.evidence");
    if (mark) {
      box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
    }
  });
}

function mapHoverInfo() {
  // Pointing at (or focusing) a dot writes its event into the side panel.
  const info = document.querySelector(".map-info");
  if (!info) {
    return;
  }
  document.querySelectorAll("svg.map circle.pt").forEach((dot) => {
    const show = () => {
      document.querySelectorAll("svg.map circle.pt.active").forEach((other) => other.classList.remove("active"));
      dot.classList.add("active");
      const title = dot.querySelector("title");
      info.textContent = title ? title.textContent : "";
    };
    dot.addEventListener("mouseenter", show);
    if (dot.parentElement) {
      dot.parentElement.addEventListener("focus", show);
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  autoSubmitFilters();
  scrollEvidenceIntoBoxes();
  mapHoverInfo();
});
