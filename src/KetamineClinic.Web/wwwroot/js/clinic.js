// Small helpers the Blazor components call. Nothing clinical is stored in the browser.
window.clinic = {
    submitForm: function (id) {
        const form = document.getElementById(id);
        if (form) { form.submit(); }
    },
    watchActivity: function (dotnet) {
        let last = 0;
        const report = function () {
            const now = Date.now();
            if (now - last > 5000) { // at most one report every 5 s
                last = now;
                dotnet.invokeMethodAsync('ActivityAsync').catch(function () { });
            }
        };
        ['keydown', 'mousedown', 'touchstart', 'wheel'].forEach(function (e) {
            window.addEventListener(e, report, { passive: true, capture: true });
        });
    }
};
