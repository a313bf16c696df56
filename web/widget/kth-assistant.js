/*
 * KTH innovation office assistant: the website chat widget.
 *
 * Embed with one script tag:
 *   <script src="https://HOST/widget/kth-assistant.js" data-server="https://RASA-HOST" defer></script>
 * Options (data attributes): data-server (Rasa server URL, default the page's own origin, as when
 * nginx serves both the site and the assistant),
 * data-lang ("sv" or "en", default the page's <html lang>), data-open ("true" opens on load).
 *
 * Talks to Rasa's socket.io channel with socket.io-client v4 (loaded from vendor/ beside this
 * file). The conversation (session and transcript) is kept for the browser tab only
 * (sessionStorage): the next person at a shared computer does not find it. A short privacy notice
 * says what is kept and for how long (the server says how long), and "Delete the conversation"
 * erases it on the server and starts afresh. Under an answer that states a fact, 👍/👎 (and after
 * 👎 an optional comment) are sent to the server, which stores them with the conversation. Every text is put on the page as text (textContent), never as HTML, so neither the
 * visitor nor the server can inject markup; links are built as elements from http(s) and
 * e-mail addresses found in the text.
 */
(function () {
  "use strict";

  var TEXTS = {
    sv: {
      launcher: "Fråga innovationskontoret",
      title: "Fråga innovationskontoret",
      close: "Stäng chatten",
      switchLanguage: "In English",
      switchTo: "en",
      log: "Konversation",
      inputLabel: "Din fråga",
      placeholder: "Skriv din fråga här",
      send: "Skicka",
      you: "Du: ",
      bot: "Assistenten: ",
      typing: "Assistenten skriver …",
      connecting: "Ansluter …",
      reconnecting: "Försöker nå assistenten igen …",
      offline: "Jag når inte assistenten just nu. Försök igen om en stund.",
      contactLine: "Du kan också mejla {email}.",
      notSent: "Meddelandet kunde inte skickas: assistenten går inte att nå just nu. Din text finns kvar.",
      invalid: "Meddelandet är för långt. Korta ner det och försök igen.",
      rateLimited: "Du har skickat många meddelanden på kort tid. Vänta en stund och skicka igen; din text finns kvar.",
      welcome: "Hej! Fråga mig om KTH:s innovationskontor: vad det är, dess historia, partner och vem du kan kontakta.",
      privacyTitle: "Om dina uppgifter",
      privacy: "Samtalet sparas för att kunna besvaras och förbättra tjänsten. E-postadresser, telefonnummer och personnummer maskeras.",
      privacyContact: "Frågor om dina uppgifter: {email}.",
      retention: "Samtalet raderas automatiskt efter {days} dagar.",
      erase: "Radera samtalet",
      erased: "Samtalet är raderat.",
      eraseFailed: "Samtalet kunde inte raderas just nu. Försök igen om en stund.",
      feedbackQuestion: "Var svaret till hjälp?",
      feedbackUp: "Ja, bra svar",
      feedbackDown: "Nej, inte bra svar",
      feedbackThanks: "Tack för din återkoppling!",
      commentLabel: "Vad saknades? (valfritt)",
      commentSend: "Skicka kommentar",
      feedbackFailed: "Återkopplingen kunde inte sparas just nu. Försök igen om en stund."
    },
    en: {
      launcher: "Ask the innovation office",
      title: "Ask the innovation office",
      close: "Close the chat",
      switchLanguage: "På svenska",
      switchTo: "sv",
      log: "Conversation",
      inputLabel: "Your question",
      placeholder: "Type your question here",
      send: "Send",
      you: "You: ",
      bot: "Assistant: ",
      typing: "The assistant is typing …",
      connecting: "Connecting …",
      reconnecting: "Trying to reach the assistant again …",
      offline: "I can't reach the assistant right now. Please try again in a moment.",
      contactLine: "You can also e-mail {email}.",
      notSent: "Your message could not be sent: the assistant can't be reached right now. Your text is kept.",
      invalid: "That message is too long. Please shorten it and try again.",
      rateLimited: "You have sent many messages in a short time. Please wait a moment and send again; your text is kept.",
      welcome: "Hi! Ask me about KTH's innovation office: what it is, its history, its partners and whom to contact.",
      privacyTitle: "About your data",
      privacy: "The conversation is kept so that it can be answered and the service improved. E-mail addresses, phone numbers and personal identity numbers are masked.",
      privacyContact: "Questions about your data: {email}.",
      retention: "The conversation is deleted automatically after {days} days.",
      erase: "Delete the conversation",
      erased: "The conversation has been deleted.",
      eraseFailed: "The conversation could not be deleted right now. Please try again in a moment.",
      feedbackQuestion: "Was this answer helpful?",
      feedbackUp: "Yes, helpful",
      feedbackDown: "No, not helpful",
      feedbackThanks: "Thank you for your feedback!",
      commentLabel: "What was missing? (optional)",
      commentSend: "Send comment",
      feedbackFailed: "Your feedback could not be saved right now. Please try again in a moment."
    }
  };
  // How long a message and a comment may be: the server says (addons/channels/socketio.py, "limits").
  var limits = { message: null, comment: null };
  var MAX_TRANSCRIPT = 200;
  // The statuses that send the visitor to the office's address (from the server's "privacy" event).
  var CONTACT_STATUSES = { offline: true, notSent: true };
  var TYPING_TIMEOUT_MS = 20000;
  var LINK = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/g;

  var script = document.currentScript;
  // The files this script loads, and their Subresource Integrity hashes: scripts/build_widget.py writes
  // the content-hashed names and hashes here for production; as written they serve `make run`.
  var ASSETS = {
    css: "kth-assistant.css", cssIntegrity: "",
    io: "vendor/socket.io.min.js", ioIntegrity: ""
  };

  var options = {
    server: (script && script.dataset.server) || window.location.origin,
    lang: script && script.dataset.lang,
    open: script && script.dataset.open === "true"
  };
  var base = script ? script.src.replace(/[^/]*$/, "") : "";
  var storeKey = "kth-assistant:" + options.server;

  /* The conversation lives as long as the tab (sessionStorage); only the language choice is remembered
   * across visits (localStorage). */
  var LASTING = { lang: true };

  function storage(name) {
    return LASTING[name] ? window.localStorage : window.sessionStorage;
  }

  function load(name, fallback) {
    try {
      var value = storage(name).getItem(storeKey + ":" + name);
      return value === null ? fallback : JSON.parse(value);
    } catch (e) {
      return fallback;
    }
  }

  function save(name, value) {
    try {
      storage(name).setItem(storeKey + ":" + name, JSON.stringify(value));
    } catch (e) { /* private mode or full: the conversation still works */ }
  }

  function pageLanguage() {
    var lang = (options.lang || document.documentElement.lang || "sv").toLowerCase();
    return lang.indexOf("en") === 0 ? "en" : "sv";
  }

  var state = {
    lang: load("lang", null) || pageLanguage(),
    sessionId: load("session", null),
    transcript: load("transcript", []),
    open: false,
    connected: false,
    retentionDays: null,
    contact: load("contact", null)
  };

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  /* Text with links: every part is a text node or an <a> built here. */
  function linkified(text) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    text.replace(LINK, function (match, _group, offset) {
      fragment.appendChild(document.createTextNode(text.slice(last, offset)));
      var isMail = match.indexOf("@") > 0 && match.indexOf("://") < 0;
      var link = el("a", { href: (isMail ? "mailto:" : "") + match }, match);
      if (!isMail) { link.setAttribute("target", "_blank"); link.setAttribute("rel", "noopener noreferrer"); }
      fragment.appendChild(link);
      last = offset + match.length;
      return match;
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  var ui = {};

  function withIntegrity(node, integrity) {
    if (integrity) { node.setAttribute("integrity", integrity); node.setAttribute("crossorigin", "anonymous"); }
  }

  function build() {
    var style = el("link", { rel: "stylesheet", href: base + ASSETS.css });
    withIntegrity(style, ASSETS.cssIntegrity);
    document.head.appendChild(style);

    ui.root = el("div", { class: "kia" });
    ui.launcher = el("button", { type: "button", class: "kia-launcher", "aria-expanded": "false",
                                 "aria-controls": "kia-panel" });
    ui.panel = el("section", { id: "kia-panel", class: "kia-panel", "aria-labelledby": "kia-title" });
    ui.panel.hidden = true;

    var header = el("div", { class: "kia-header" });
    ui.title = el("h2", { id: "kia-title", class: "kia-title" });
    ui.switcher = el("button", { type: "button", class: "kia-switch" });
    ui.close = el("button", { type: "button", class: "kia-close" });
    ui.close.appendChild(el("span", { "aria-hidden": "true" }, "×"));
    ui.closeLabel = el("span", { class: "kia-hidden" });
    ui.close.appendChild(ui.closeLabel);
    header.appendChild(ui.title);
    header.appendChild(ui.switcher);
    header.appendChild(ui.close);

    ui.status = el("p", { class: "kia-status", role: "status" });
    ui.log = el("div", { class: "kia-log", role: "log", "aria-live": "polite", tabindex: "0" });
    ui.typing = el("p", { class: "kia-typing", "aria-live": "polite" });
    ui.typing.hidden = true;

    // The privacy notice folded under its title (it would fill a phone's screen), the delete control beside it.
    ui.privacy = el("div", { class: "kia-privacy" });
    var details = el("details", { class: "kia-privacy-details" });
    ui.privacyTitle = el("summary", { class: "kia-privacy-title" });
    ui.privacyText = el("p", { class: "kia-privacy-text" });
    details.appendChild(ui.privacyTitle);
    details.appendChild(ui.privacyText);
    ui.erase = el("button", { type: "button", class: "kia-erase" });
    ui.privacy.appendChild(details);
    ui.privacy.appendChild(ui.erase);

    ui.form = el("form", { class: "kia-form" });
    ui.inputLabel = el("label", { for: "kia-input", class: "kia-hidden" });
    ui.input = el("input", { id: "kia-input", type: "text", autocomplete: "off" });
    ui.send = el("button", { type: "submit", class: "kia-send" });
    ui.form.appendChild(ui.inputLabel);
    ui.form.appendChild(ui.input);
    ui.form.appendChild(ui.send);

    [header, ui.status, ui.log, ui.typing, ui.privacy, ui.form].forEach(function (part) { ui.panel.appendChild(part); });
    ui.root.appendChild(ui.panel);
    ui.root.appendChild(ui.launcher);
    document.body.appendChild(ui.root);

    ui.launcher.addEventListener("click", function () { setOpen(!state.open); });
    ui.close.addEventListener("click", function () { setOpen(false); });
    ui.switcher.addEventListener("click", function () { setLanguage(TEXTS[state.lang].switchTo); });
    ui.erase.addEventListener("click", eraseConversation);
    ui.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); setOpen(false); }
    });
    ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = ui.input.value.trim();
      if (text) { sendMessage(text, text); }
    });
  }

  function applyTexts() {
    var t = TEXTS[state.lang];
    ui.root.setAttribute("lang", state.lang);
    ui.launcher.textContent = t.launcher;
    ui.title.textContent = t.title;
    ui.switcher.textContent = t.switchLanguage;
    ui.switcher.setAttribute("lang", t.switchTo);
    ui.closeLabel.textContent = t.close;
    ui.log.setAttribute("aria-label", t.log);
    ui.inputLabel.textContent = t.inputLabel;
    ui.input.setAttribute("placeholder", t.placeholder);
    ui.send.textContent = t.send;
    ui.typing.textContent = t.typing;
    ui.privacyTitle.textContent = t.privacyTitle;
    ui.privacyText.textContent = t.privacy +
      (state.retentionDays ? " " + t.retention.replace("{days}", String(state.retentionDays)) : "") +
      (state.contact ? " " + t.privacyContact.replace("{email}", state.contact) : "");
    ui.erase.textContent = t.erase;
    showStatus();
  }

  function setLanguage(lang) {
    state.lang = lang;
    save("lang", lang);
    applyTexts();
  }

  /* moveFocus is false only when the page itself opens the widget on load. */
  function setOpen(open, moveFocus) {
    moveFocus = moveFocus !== false;
    state.open = open;
    ui.panel.hidden = !open;
    // On a narrow screen the open chat covers the page, which must not scroll behind it (CSS).
    ui.root.classList.toggle("kia-open", open);
    document.documentElement.classList.toggle("kia-lock", open);
    ui.launcher.setAttribute("aria-expanded", String(open));
    try { window.sessionStorage.setItem(storeKey + ":open", open ? "1" : ""); } catch (e) { /* ignore */ }
    if (open) {
      if (!state.transcript.length) { addEntry({ from: "bot", text: TEXTS[state.lang].welcome, lang: state.lang }); }
      if (moveFocus) { ui.input.focus(); }
      scrollDown();
    } else if (moveFocus) {
      ui.launcher.focus();
    }
  }

  function scrollDown() { ui.log.scrollTop = ui.log.scrollHeight; }

  /* 👍/👎 under an answer, then (after 👎) an optional comment; the server confirms each. */
  function renderFeedback(entry) {
    var t = TEXTS[entry.lang] || TEXTS[state.lang];
    var box = el("div", { class: "kia-feedback", lang: entry.lang || state.lang });
    feedbackViews[String(entry.answer)] = box;
    if (entry.rated) {
      box.appendChild(el("p", { class: "kia-feedback-thanks", tabindex: "-1" }, t.feedbackThanks));
      if (entry.rated === "down" && !entry.commented) { box.appendChild(commentForm(entry, t)); }
    } else {
      var group = el("div", { role: "group", "aria-label": t.feedbackQuestion, class: "kia-feedback-buttons" });
      group.appendChild(el("span", { class: "kia-feedback-question" }, t.feedbackQuestion));
      [["up", "👍", t.feedbackUp], ["down", "👎", t.feedbackDown]].forEach(function (choice) {
        var button = el("button", { type: "button", class: "kia-rate", "aria-label": choice[2], title: choice[2] });
        button.appendChild(el("span", { "aria-hidden": "true" }, choice[1]));
        button.addEventListener("click", function () { sendFeedback(entry, { rating: choice[0] }); });
        group.appendChild(button);
      });
      box.appendChild(group);
    }
    return box;
  }

  function commentForm(entry, t) {
    var form = el("form", { class: "kia-comment" });
    var id = "kia-comment-" + String(entry.answer).replace(/\D/g, "");
    var input = el("input", { id: id, type: "text", autocomplete: "off" });
    if (limits.comment) { input.setAttribute("maxlength", String(limits.comment)); }
    form.appendChild(el("label", { for: id }, t.commentLabel));
    form.appendChild(input);
    form.appendChild(el("button", { type: "submit", class: "kia-send" }, t.commentSend));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var comment = input.value.trim();
      if (comment) { sendFeedback(entry, { rating: "down", comment: comment }); }
    });
    return form;
  }

  function sendFeedback(entry, feedback) {
    if (!socket || !state.connected) { showStatus("feedbackFailed"); return; }
    pendingFeedback[String(entry.answer)] = { entry: entry, comment: Boolean(feedback.comment) };
    socket.emit("feedback", { answer: entry.answer, rating: feedback.rating, comment: feedback.comment });
  }

  /* The server stored it: the buttons give way to a thank-you (and after 👎 the comment field). */
  function feedbackRecorded(answer, rating) {
    var pending = pendingFeedback[String(answer)];
    if (!pending) { return; }
    delete pendingFeedback[String(answer)];
    var entry = pending.entry;
    entry.rated = rating;
    if (pending.comment) { entry.commented = true; }
    save("transcript", state.transcript);
    var old = feedbackViews[String(answer)];
    var replaced = renderFeedback(entry);
    if (old && old.parentNode) { old.parentNode.replaceChild(replaced, old); } else { ui.log.appendChild(replaced); }
    // The pressed button is gone: focus goes to what replaced it (the comment field after 👎).
    (replaced.querySelector("input") || replaced.querySelector("p")).focus();
  }

  function render(entry) {
    var t = TEXTS[entry.lang] || TEXTS[state.lang];
    var message = el("div", { class: "kia-msg kia-" + entry.from, lang: entry.lang || state.lang });
    message.appendChild(el("span", { class: "kia-hidden" }, entry.from === "user" ? t.you : t.bot));
    message.appendChild(linkified(entry.text || ""));
    ui.log.appendChild(message);
    if (entry.feedback && typeof entry.answer === "number") { ui.log.appendChild(renderFeedback(entry)); }
    if (entry.buttons && entry.buttons.length && !entry.answered) {
      var replies = el("div", { class: "kia-replies", lang: entry.lang || state.lang });
      entry.buttons.forEach(function (button) {
        var choice = el("button", { type: "button", class: "kia-reply" }, button.title);
        choice.addEventListener("click", function () {
          entry.answered = true;
          save("transcript", state.transcript);
          replies.remove();
          sendMessage(button.payload, button.title);
        });
        replies.appendChild(choice);
      });
      ui.log.appendChild(replies);
    }
    scrollDown();
  }

  function addEntry(entry) {
    state.transcript.push(entry);
    state.transcript = state.transcript.slice(-MAX_TRANSCRIPT);
    save("transcript", state.transcript);
    render(entry);
  }

  var statusKey = "connecting";
  function showStatus(key) {
    if (key !== undefined) { statusKey = key; }
    var text = statusKey ? TEXTS[state.lang][statusKey] : "";
    // Where the assistant cannot answer, the office's address (once the server has named it) can.
    if (CONTACT_STATUSES[statusKey] && state.contact) {
      text += " " + TEXTS[state.lang].contactLine.replace("{email}", state.contact);
    }
    ui.status.textContent = text;
    ui.status.hidden = !statusKey;
  }

  var typingTimer = null;
  function setTyping(on) {
    ui.typing.hidden = !on;
    window.clearTimeout(typingTimer);
    if (on) { typingTimer = window.setTimeout(function () { setTyping(false); }, TYPING_TIMEOUT_MS); }
  }

  var socket = null;
  var lastTyped = "";
  var pendingFeedback = {};  // answer id -> the entry whose feedback awaits the server's confirmation
  var feedbackViews = {};     // answer id -> the element showing its buttons or thanks

  function clearTranscript() {
    state.transcript = [];
    save("transcript", state.transcript);
    pendingFeedback = {};
    feedbackViews = {};
    ui.log.textContent = "";
    addEntry({ from: "bot", text: TEXTS[state.lang].welcome, lang: state.lang });
  }

  function eraseConversation() {
    if (!socket || !state.connected) {
      showStatus("eraseFailed");
      return;
    }
    socket.emit("erase_conversation", {});
  }

  function sendMessage(payload, shown) {
    if (!socket || !state.connected || !state.sessionId) {
      showStatus("notSent");
      return;
    }
    addEntry({ from: "user", text: shown, lang: state.lang });
    lastTyped = ui.input.value;
    ui.input.value = "";
    setTyping(true);
    socket.emit("user_uttered", { message: payload, session_id: state.sessionId,
                                  metadata: { language: state.lang } });
  }

  function connect() {
    // Websocket only: a connection then stays on one server, so several Rasa
    // replicas behind a load balancer need no sticky routing (deploy/nginx.conf.template).
    socket = window.io(options.server, { transports: ["websocket"] });
    socket.on("connect", function () {
      socket.emit("session_request", { session_id: state.sessionId });
    });
    socket.on("session_confirm", function (sessionId) {
      var id = typeof sessionId === "string" ? sessionId : sessionId && sessionId.session_id;
      if (state.sessionId && id !== state.sessionId) {
        // The server did not keep the old session (not its own, or erased): the transcript is not this conversation's.
        clearTranscript();
      }
      state.sessionId = id;
      save("session", id);
      state.connected = true;
      showStatus("");
    });
    socket.on("bot_uttered", function (message) {
      setTyping(false);
      if (!message || typeof message.text !== "string") { return; }
      var buttons = (message.quick_replies || message.buttons || []).filter(function (b) {
        return b && typeof b.title === "string" && typeof b.payload === "string";
      });
      var entry = { from: "bot", text: message.text, lang: message.lang === "en" ? "en" : (message.lang === "sv" ? "sv" : state.lang),
                    buttons: buttons };
      if (message.feedback === true && typeof message.answer === "number") { entry.feedback = true; entry.answer = message.answer; }
      addEntry(entry);
    });
    socket.on("limits", function (given) {
      limits.message = given && Number(given.message) > 0 ? Number(given.message) : null;
      limits.comment = given && Number(given.comment) > 0 ? Number(given.comment) : null;
      if (limits.message) { ui.input.setAttribute("maxlength", String(limits.message)); }
    });
    socket.on("privacy", function (privacy) {
      var days = privacy && Number(privacy.retention_days);
      state.retentionDays = days > 0 ? Math.round(days * 10) / 10 : null;
      if (privacy && typeof privacy.contact === "string" && privacy.contact.indexOf("@") > 0) {
        state.contact = privacy.contact;
        save("contact", state.contact);  // named again if the server is unreachable after a reload
      }
      applyTexts();
    });
    socket.on("feedback_recorded", function (recorded) {
      if (recorded && typeof recorded.answer === "number") { feedbackRecorded(recorded.answer, recorded.rating); }
    });
    socket.on("conversation_erased", function () { clearTranscript(); showStatus("erased"); ui.input.focus(); });
    socket.on("error_message", function (error) {
      setTyping(false);
      var kind = error && error.error;
      if (kind === "rate_limited" && !ui.input.value) { ui.input.value = lastTyped; }
      var shown = { erase_failed: "eraseFailed", rate_limited: "rateLimited", feedback_failed: "feedbackFailed",
                    invalid_feedback: "feedbackFailed" };
      if (kind === "feedback_failed" || kind === "invalid_feedback") { pendingFeedback = {}; }
      showStatus(shown[kind] || "invalid");
    });
    socket.on("disconnect", function () { state.connected = false; setTyping(false); showStatus("offline"); });
    socket.on("connect_error", function () { state.connected = false; showStatus("offline"); });
    socket.io.on("reconnect_attempt", function () { if (!state.connected) { showStatus("reconnecting"); } });
  }

  function start() {
    build();
    applyTexts();
    state.transcript.forEach(render);
    var wasOpen = false;
    try { wasOpen = window.sessionStorage.getItem(storeKey + ":open") === "1"; } catch (e) { /* ignore */ }
    if (options.open || wasOpen) { setOpen(true, false); }
    if (window.io) {
      connect();
    } else {
      var loader = el("script", { src: base + ASSETS.io });
      withIntegrity(loader, ASSETS.ioIntegrity);
      loader.addEventListener("load", connect);
      loader.addEventListener("error", function () { showStatus("offline"); });
      document.head.appendChild(loader);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
