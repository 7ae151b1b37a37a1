// Collects script errors from the first moment, before uPlot and the page script run.
window.__mmErrors = [];
window.onerror = function (message, source, line, column) {
  window.__mmErrors.push(String(message) + ' (line ' + line + ':' + column + ')');
  document.body.dataset.errors = window.__mmErrors.join(' | ');
};
window.addEventListener('unhandledrejection', function (e) {
  window.__mmErrors.push('unhandled rejection: ' + String(e.reason));
  document.body.dataset.errors = window.__mmErrors.join(' | ');
});
