// Small enhancements; every page works without them.
// "Take the registry's value": put the registry's value in the first free correction row.
document.addEventListener("click", event => {
  const button = event.target.closest("button.take");
  if (!button) return;
  const rows = [...document.querySelectorAll("#decision .correction")];
  const row = rows.find(r => r.querySelector("select").value === button.dataset.field) || rows.find(r => !r.querySelector("select").value);
  if (!row) return;
  row.querySelector("select").value = button.dataset.field;
  row.querySelector("input").value = button.dataset.value;
  row.querySelector("input").focus();
});
// Keyboard shortcuts (outside text fields): N claim next, C claim, A approve/submit, R return.
document.addEventListener("keydown", event => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest("input, textarea, select")) return;
  const target = document.querySelector(`[data-shortcut="${event.key.toLowerCase()}"]`);
  if (!target) return;
  event.preventDefault();
  if (target.type === "radio") { target.checked = true; target.closest("form").querySelector("textarea")?.focus(); }
  else target.click();
});
// Rule form: offer only the operators that fit the chosen field's type (the server refuses the others anyway).
function fitOperators(fieldSelect) {
  const operators = (fieldSelect.closest(".clause") ?? fieldSelect.form)?.querySelector("select.condition-operator");
  const fitting = fieldSelect.selectedOptions[0]?.dataset.operators?.split(" ");
  if (!operators) return;
  for (const option of operators.options)
    option.hidden = option.value !== "" && fitting !== undefined && !fitting.includes(option.value);
  if (operators.selectedOptions[0]?.hidden) operators.value = "";
}
document.addEventListener("change", event => {
  if (event.target.matches("select.condition-field")) fitOperators(event.target);
});
document.querySelectorAll("select.condition-field").forEach(fitOperators);
