// The page's only script: send the form, show what came back. No framework, no build step.
"use strict";

const form = document.getElementById("upload");
const files = document.getElementById("files");
const drop = document.getElementById("drop");
const statusLine = document.getElementById("status");
const results = document.getElementById("results");

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function showChosen() {
  const names = Array.from(files.files, (f) => f.name);
  // One name the file input shows itself; several it only counts.
  document.getElementById("chosen").textContent = names.length > 1 ? names.join("、") : "";
}

files.addEventListener("change", showChosen);
for (const kind of ["dragenter", "dragover"]) {
  drop.addEventListener(kind, (e) => { e.preventDefault(); drop.classList.add("over"); });
}
for (const kind of ["dragleave", "drop"]) {
  drop.addEventListener(kind, () => drop.classList.remove("over"));
}
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  files.files = e.dataTransfer.files;
  showChosen();
});

function fileCard(f) {
  const card = el("article", { class: "file" });
  if (f.error) {
    card.append(el("h2", {}, f.name), el("p", { class: "error" }, f.error));
    return card;
  }
  card.append(el("h2", {}, f.title || "（无标题）"), el("p", { class: "name" }, f.name));
  for (const w of f.warnings) card.append(el("p", { class: "warning" }, "注意：" + w));
  const outline = el("ol", { class: "headings" });
  for (const [level, text] of f.headings) outline.append(el("li", { class: "l" + level }, text));
  card.append(el("p", {}, `${f.headings.length} 个标题，${f.paragraphs} 个段落`), outline);
  const links = el("p", { class: "downloads" });
  for (const [fmt, url] of Object.entries(f.downloads)) {
    links.append(el("a", { href: url, download: "", "data-format": fmt }, "下载 " + fmt.toUpperCase()));
  }
  card.append(links);
  const preview = el("details", { class: "preview" }, el("summary", {}, "预览文档"));
  for (const [kind, level, text] of f.preview) {
    if (kind === "heading") {
      preview.append(el("h" + Math.min(level + 2, 6), {}, text));
    } else if (kind === "table") {
      const table = el("table");
      for (const row of text.split("\n")) {
        table.append(el("tr", {}, ...row.split("\t").map((c) => el("td", {}, c))));
      }
      preview.append(table);
    } else {
      preview.append(el("p", { class: kind }, text));
    }
  }
  card.append(preview);
  if (f.inspect) {
    const more = el("details", {}, el("summary", {}, "查看删除了哪些内容"));
    more.addEventListener("toggle", () => {
      if (more.open && !more.querySelector("iframe")) {
        more.append(el("iframe", { src: f.inspect, title: "docconv inspect" }));
      }
    }, { once: false });
    card.append(more);
  }
  return card;
}

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  const data = new FormData(form);
  data.set("repair", document.getElementById("repair").checked ? "on" : "off");
  statusLine.className = "";
  statusLine.textContent = "正在转换……";
  document.getElementById("go").disabled = true;
  try {
    const response = await fetch("/api/convert", { method: "POST", body: data });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error || response.statusText);
    const list = document.getElementById("list");
    list.replaceChildren(...answer.files.map(fileCard));
    const all = document.getElementById("all");
    all.replaceChildren();
    if (answer.zip && answer.files.length > 1) {
      all.append(el("a", { href: answer.zip, id: "zip" }, "全部下载（zip）"));
    }
    results.hidden = false;
    const failed = answer.files.filter((f) => f.error).length;
    statusLine.textContent = failed ? `完成，${failed} 个文件没能转换` : "完成";
  } catch (err) {
    statusLine.className = "error";
    statusLine.textContent = String(err.message || err);
  } finally {
    document.getElementById("go").disabled = false;
  }
});
