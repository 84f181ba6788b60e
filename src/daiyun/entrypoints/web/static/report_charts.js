// The report's charts (issue 20 point 3): read the JSON block the page carries and draw each
// chart with ECharts (served by daiyun, /static/vendor/echarts). The same figures are in the
// table under each chart, so the page reads without this script.
(function () {
  "use strict";
  var COLORS = ["#c23531", "#2f4554", "#61a0a8", "#d48265", "#91c7ae", "#749f83", "#ca8622", "#bda29a"];

  function option(chart) {
    var drawn = chart.series.filter(function (s) { return s.drawn; });
    var numbers = function (s) { return s.values.map(function (v) { return Number(v); }); };
    if (chart.kind === "pie") {
      var first = drawn[0];
      return {
        color: COLORS,
        tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
        legend: { bottom: 0, type: "scroll" },
        series: [{
          name: first.name, type: "pie", radius: ["35%", "65%"], center: ["50%", "45%"],
          label: { formatter: "{b}\n{c}" },
          data: chart.categories.map(function (name, i) { return { name: name, value: Number(first.values[i]) }; })
        }]
      };
    }
    var many = chart.categories.length > 8;
    return {
      color: COLORS,
      tooltip: { trigger: "axis" },
      legend: drawn.length > 1 ? { top: 0 } : undefined,
      grid: { left: 8, right: 16, top: drawn.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: chart.categories, axisLabel: { rotate: many ? 45 : 0, hideOverlap: true } },
      yAxis: { type: "value" },
      series: drawn.map(function (s) {
        return {
          name: s.name, type: chart.kind, data: numbers(s), smooth: false,
          stack: chart.stacked ? "all" : undefined, areaStyle: chart.kind === "line" ? { opacity: 0.15 } : undefined,
          barMaxWidth: 40
        };
      })
    };
  }

  function draw() {
    var block = document.getElementById("report-chart-data");
    if (!block || typeof echarts === "undefined") { return; }
    var charts = JSON.parse(block.textContent);
    var drawnCharts = [];
    charts.forEach(function (chart) {
      var place = document.querySelector('[data-chart="' + chart.key + '"]');
      if (!place) { return; }
      var instance = echarts.init(place, null, { renderer: "canvas" });
      instance.setOption(option(chart));
      place.setAttribute("data-drawn", "true");
      drawnCharts.push(instance);
    });
    window.addEventListener("resize", function () {
      drawnCharts.forEach(function (instance) { instance.resize(); });
    });
    document.documentElement.setAttribute("data-charts-drawn", String(drawnCharts.length));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
