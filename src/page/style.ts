/**
 * The page's only style sheet, inline. System fonts (no font is fetched), colours as custom
 * properties with a dark set under `prefers-color-scheme`, and a layout that works from 320 px.
 * Status colours follow GitHub's Primer palette, which keeps text contrast at 4.5:1 or more.
 */
export const STYLE = `
:root{color-scheme:light dark;--bg:#f6f8fa;--card:#fff;--fg:#1f2328;--muted:#59636e;--border:#d1d9e0;--soft:#eef1f4;
--up:#1a7f37;--bar:#2da44e;--degraded:#9a6700;--down:#cf222e;--maintenance:#0969da;--none:#d1d9e0;--minor:#4ac26b;--major:#d4a72c;--bad:#cf222e;
--up-bg:#dafbe1;--degraded-bg:#fff8c5;--down-bg:#ffebe9;--maintenance-bg:#ddf4ff;--ic:#fff;--tip:#1f2328;--tip-fg:#fff;
--p50:#0969da;--p95:#8250df;--a95:rgba(130,80,223,.12)}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#151b23;--fg:#e6edf3;--muted:#9198a1;--border:#3d444d;--soft:#212830;
--up:#3fb950;--bar:#2ea043;--degraded:#d29922;--down:#f85149;--maintenance:#4493f8;--none:#2f353d;--minor:#2ea043;--major:#bb8009;--bad:#da3633;
--up-bg:rgba(46,160,67,.15);--degraded-bg:rgba(187,128,9,.15);--down-bg:rgba(248,81,73,.15);--maintenance-bg:rgba(56,139,253,.15);
--ic:#0d1117;--tip:#e6edf3;--tip-fg:#0d1117;--p50:#4493f8;--p95:#ab7df8;--a95:rgba(171,125,248,.16)}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif,"Apple Color Emoji","Segoe UI Emoji";-webkit-text-size-adjust:100%}
a{color:var(--maintenance)}
.wrap{max-width:56rem;margin:0 auto;padding:1.5rem 1rem 3rem}
header.top{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.25rem 1rem;margin-bottom:1.25rem}
header.top p{margin:0}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
p.none{margin:0}
h1{font-size:1.5rem;line-height:1.25;margin:0;font-weight:600;overflow-wrap:anywhere}
h2{font-size:1.125rem;margin:2rem 0 .75rem;font-weight:600}
h3{font-size:1rem;margin:0;font-weight:600;overflow-wrap:anywhere}
.muted,.meta{color:var(--muted)}
.meta{font-size:.875rem}
.card{background:var(--card);border:1px solid var(--border);border-radius:.75rem;padding:1rem 1.25rem}
.banner{display:flex;align-items:center;gap:.875rem;padding:1.125rem 1.25rem;border-radius:.75rem;border:1px solid color-mix(in srgb,var(--c,var(--border)) 45%,transparent);background:var(--card)}
.banner svg{width:2rem;height:2rem;flex:none}
.banner p{margin:0}
.banner .big{font-size:1.25rem;font-weight:600;line-height:1.3}
.banner.up{background:var(--up-bg)}.banner.degraded{background:var(--degraded-bg)}.banner.down{background:var(--down-bg)}.banner.maintenance{background:var(--maintenance-bg)}
.up{--c:var(--up)}.degraded{--c:var(--degraded)}.down{--c:var(--down)}.maintenance{--c:var(--maintenance)}
.banner svg,.st svg{color:var(--c)}
.ic{fill:none;stroke:var(--ic);stroke-width:1.9;stroke-linecap:round;stroke-linejoin:round}
.st{display:inline-flex;align-items:center;gap:.375rem;font-weight:600;font-size:.875rem;color:var(--c);white-space:nowrap}
.st svg{width:1rem;height:1rem}
ul.plain{list-style:none;margin:0;padding:0}
.incidents li,.outages li{padding:.625rem 0;border-top:1px solid var(--soft);display:flex;flex-wrap:wrap;gap:.125rem .75rem;align-items:center}
.incidents li:first-child,.outages li:first-child{border-top:0;padding-top:0}
.incidents li:last-child,.outages li:last-child{padding-bottom:0}
.rows li{padding:.75rem 1rem;margin-top:.5rem;background:var(--card);border:1px solid var(--border);border-radius:.75rem}
.rows .meta{margin:.125rem 0 0}
.rows .below{color:var(--down)}
.rows .below::after{content:" \\25BE";font-size:.75em}
.eps{display:grid;grid-template-columns:minmax(0,1fr);gap:1rem}
.ep{content-visibility:auto;contain-intrinsic-block-size:auto 31rem}
.ep-head{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.25rem .75rem}
.ep .meta{margin:.125rem 0 0}
.why{font-size:.875rem;margin:.25rem 0 0;overflow-wrap:anywhere}
.url{font:.8125rem/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted);overflow-wrap:anywhere;margin:.25rem 0 0}
dl.fig{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:.5rem;margin:1rem 0 0}
dl.fig div{min-width:0}
dl.fig dt{font-size:.75rem;color:var(--muted)}
dl.fig dd{margin:0;font-size:1.125rem;font-weight:600;font-variant-numeric:tabular-nums;white-space:nowrap}
dd.below{color:var(--down)}
dd.below::after{content:" \\25BE";font-size:.75em}
.sub{display:flex;justify-content:space-between;gap:.5rem;font-size:.75rem;color:var(--muted);margin-top:.25rem}
.sec{margin-top:1.125rem}
.sec-t{font-size:.8125rem;font-weight:600;margin:0 0 .375rem;display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem .75rem}
.sec-t .muted{font-weight:400}
ol.bars{display:flex;gap:2px;height:2.125rem;margin:0;padding:0;list-style:none;align-items:flex-end}
ol.bars li{flex:1 1 0;min-width:0;height:100%;background:var(--bar);border-radius:1px;position:relative}
ol.bars li.minor{background:var(--minor)}
ol.bars li.major{background:var(--major);height:70%}
ol.bars li.bad{background:var(--bad);height:45%}
ol.bars li.maint{background:var(--maintenance);height:85%}
ol.bars li.none{background:var(--none)}
ol.bars i{font-style:normal;position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
ol.bars li:hover{box-shadow:0 0 0 1px var(--fg)}
ol.bars li:hover i{clip-path:none;width:auto;height:auto;overflow:visible;bottom:calc(100% + 6px);left:50%;transform:translateX(-50%);
background:var(--tip);color:var(--tip-fg);font-size:.75rem;padding:.25rem .5rem;border-radius:.375rem;z-index:2;pointer-events:none}
ol.bars li:nth-child(-n+12):hover i{left:0;transform:none}
ol.bars li:nth-last-child(-n+12):hover i{left:auto;right:0;transform:none}
.chart{display:grid;grid-template-columns:auto 1fr;grid-template-rows:6rem auto;column-gap:.5rem}
.chart .y{display:flex;flex-direction:column;justify-content:space-between;font-size:.6875rem;color:var(--muted);text-align:right;font-variant-numeric:tabular-nums;line-height:1;margin:-.1rem 0}
.chart .x{grid-column:2;display:flex;justify-content:space-between;font-size:.6875rem;color:var(--muted);margin-top:.25rem;font-variant-numeric:tabular-nums}
svg.rt{width:100%;height:100%;overflow:visible}
svg.rt path{fill:none;vector-effect:non-scaling-stroke;stroke-linejoin:round;stroke-linecap:round}
svg.rt .grid{stroke:var(--soft);stroke-width:1}
svg.rt .a95{fill:var(--a95);stroke:none}
svg.rt .l95{stroke:var(--p95);stroke-width:1.5;stroke-dasharray:4 3}
svg.rt .l50{stroke:var(--p50);stroke-width:2}
.key{display:inline-flex;align-items:center;gap:.3rem;white-space:nowrap}
.key::before{content:"";width:1rem;border-top:2px solid var(--p50)}
.key.k95::before{border-top:2px dashed var(--p95)}
.stale{margin:0 0 1rem;padding:.875rem 1.25rem;border-radius:.75rem;border:1px solid var(--down);background:var(--down-bg);font-weight:600}
footer{margin-top:2.5rem;font-size:.8125rem;color:var(--muted);text-align:center}
footer a{color:inherit}
@media (max-width:30rem){.wrap{padding:1rem .75rem 2rem}.card,.banner{padding:.875rem 1rem}dl.fig{grid-template-columns:repeat(2,minmax(0,1fr))}ol.bars{gap:1px}}
`
  .replace(/\n/g, '')
  .trim();
