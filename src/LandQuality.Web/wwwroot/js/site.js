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
// Rule form: check what the form would store while the officer types (the page's own handler, nothing saved), and
// show the expression it produces or why it is refused, with the position marked.
const ruleForm = document.querySelector("form[data-check]");
if (ruleForm) {
  const box = document.getElementById("rule-check");
  let timer, asked = 0;
  const show = result => {
    box.replaceChildren();
    box.hidden = false;
    box.className = "rule-check " + (result.ok ? "ok" : "refused");
    const title = document.createElement("strong");
    title.textContent = result.title;
    box.append(title);
    if (result.message) {
      const message = document.createElement("p");
      message.textContent = result.message;
      box.append(message);
    }
    if (result.expression) {
      const code = document.createElement("code");
      const text = result.expression, at = result.position;
      if (at !== null && at !== undefined && at <= text.length) {
        const mark = document.createElement("mark");
        mark.textContent = text[at] ?? " ";
        code.append(text.slice(0, at), mark, text.slice(at + 1));
      } else code.textContent = text;
      box.append(code);
    }
  };
  const check = async () => {
    const mine = ++asked;
    const response = await fetch(ruleForm.dataset.check, { method: "POST", body: new FormData(ruleForm), credentials: "same-origin" });
    if (mine === asked && response.ok) show(await response.json());
  };
  const soon = () => { clearTimeout(timer); timer = setTimeout(check, 400); };
  ruleForm.addEventListener("input", soon);
  ruleForm.addEventListener("change", soon);
}
