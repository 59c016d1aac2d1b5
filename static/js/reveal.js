/* Conditional reveal (GOV.UK pattern) for a form marked data-reveal="NAME":
   the boxes whose data-kinds list the chosen NAME radio's value are shown, the
   others hidden, as the radio is chosen. Without this script the server does
   the same on a second step (the data-reveal-step button), so it is only a
   shortcut: nothing depends on it. */
(function () {
    "use strict";
    document.querySelectorAll("form[data-reveal]").forEach(function (form) {
        var name = form.getAttribute("data-reveal");
        var radios = form.querySelectorAll('input[type="radio"][name="' + name + '"]');
        function update() {
            var checked = form.querySelector('input[type="radio"][name="' + name + '"]:checked');
            var chosen = checked ? checked.value : "";
            form.querySelectorAll("[data-kinds]").forEach(function (box) {
                box.hidden = !chosen || box.getAttribute("data-kinds").split(" ").indexOf(chosen) === -1;
            });
            form.querySelectorAll("[data-reveal-when-chosen]").forEach(function (button) {
                button.hidden = !chosen;
            });
        }
        form.querySelectorAll("[data-reveal-step]").forEach(function (button) {
            button.hidden = true;
        });
        radios.forEach(function (radio) {
            radio.addEventListener("change", update);
        });
        update();
    });
})();
