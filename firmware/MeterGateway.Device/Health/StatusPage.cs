namespace MeterGateway.Health
{
    /// <summary>
    /// The read-only status page, one constant HTML document served at <c>/</c> by the box (port 80) and by
    /// <c>metergateway run --http</c>. It has no form and sends nothing but GET requests: every 5 seconds it fetches
    /// <c>status.json</c> (<see cref="StatusJson"/>) and fills its tables with <c>textContent</c> (texts from the meter
    /// are never parsed as HTML), and reloads the power chart <c>power.svg</c> (<see cref="PowerChart"/>, drawn by the
    /// server; shown without JavaScript too). Without JavaScript it links to <c>status.json</c>. Kept in the core so that both
    /// platforms serve the same bytes; it costs flash, not RAM.
    /// </summary>
    public static class StatusPage
    {
        /// <summary>
        /// Sends <see cref="Html"/> (ASCII: its length is its byte count) to <paramref name="sink"/> through
        /// <paramref name="buffer"/> from <paramref name="offset"/> on, a buffer at a time (the box: through the room
        /// after the status document in the loop's status buffer, instead of the page's bytes encoded per request).
        /// </summary>
        public static void Send(byte[] buffer, int offset, ChartWriter w, IPartSink sink)
        {
            if (!sink.Begin(Html.Length)) return;
            w.Reset(buffer, offset, sink);
            w.Raw(Html);
            w.Finish();
        }

        /// <summary>The page (ASCII, served as <c>text/html; charset=utf-8</c>).</summary>
        public const string Html =
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>MeterGateway</title>"
            + "<style>body{font-family:sans-serif;margin:1em;max-width:60em}h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.2em}"
            + "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.2em .8em .2em 0;text-align:left}"
            + "td.n{text-align:right;font-variant-numeric:tabular-nums}#err{color:#b00}</style></head><body>"
            + "<h1>MeterGateway</h1><p id=\"err\"></p>"
            + "<noscript><p>This page needs JavaScript; the same data: <a href=\"status.json\">status.json</a>.</p></noscript>"
            + "<h2>Live values</h2><table id=\"values\"></table>"
            + "<h2>Power</h2><p><img id=\"power\" src=\"power.svg\" style=\"max-width:100%;height:auto\" "
            + "alt=\"active power, import and export, over the last hours\"></p>"
            + "<h2>Meter</h2><table id=\"meter\"></table>"
            + "<h2>Frames</h2><table id=\"frames\"></table>"
            + "<h2>Gateway</h2><table id=\"gateway\"></table>"
            + "<h2>Telegram server (TCP)</h2><table id=\"tcp\"></table>"
            + "<p><a href=\"status.json\">status.json</a> &middot; read-only; the configuration portal is reachable only in "
            + "provisioning mode or with the admin password.</p>"
            + "<script>\n"
            + "function rows(id,list){var t=document.getElementById(id);t.textContent='';"
            + "list.forEach(function(r){var tr=t.insertRow();r.forEach(function(c,i){var td=tr.insertCell();"
            + "td.textContent=c===null||c===undefined?'\\u2013':String(c);if(i==1&&typeof c==='number')td.className='n';});});}\n"
            + "function show(s){var m=s.meter,f=s.frames,q=s.mqtt,o=s.outbox,h=s.homeassistant;"
            + "rows('values',s.values.map(function(v){return [v.name||v.quantity.replace(/_/g,' '),v.value,v.unit||''];}));"
            + "rows('meter',[['protocol',m.protocol],['manufacturer',m.manufacturer],['model',m.model],['header',m.header],"
            + "['equipment id',m.equipment_id],['serial number',m.serial_number],['last frame',m.last_frame],['identity changes',m.changes]]);"
            + "var fr=[['valid',f.valid],['rejected',f.rejected_total]];"
            + "Object.keys(f.rejected).forEach(function(k){fr.push(['  '+k.replace('_',' '),f.rejected[k]]);});"
            + "fr.push(['last error',f.last_error]);rows('frames',fr);"
            + "var t=s.tcp||{enabled:false},tc=t.clients||[],tr=t.enabled?[['listening on',t.listen+(t.raw?' (raw bytes)':' (checked frames)')],"
            + "['clients',tc.length+' of '+t.max_clients],['frames served',t.frames_served],['dropped (too slow)',t.dropped_slow],['refused',t.refused]]:[['server','off']];"
            + "tc.forEach(function(c){tr.push(['  '+c.address,c.frames+' frames, connected '+c.connected_for+' s']);});rows('tcp',tr);"
            + "rows('gateway',[['broker',q.connected?'connected':'not connected'],['messages published',q.messages_published],"
            + "['publish failures',q.publish_failures],['outbox depth',o.depth],['oldest undelivered',o.oldest_undelivered],"
            + "['sets thinned (lost)',o.thinned],['sets dropped (lost)',o.dropped],"
            + "['Home Assistant',h.enabled?h.sensors+' sensors':'off'],['Wi-Fi signal (dBm)',s.wifi_rssi],['free memory (bytes)',s.free_memory],"
            + "['uptime (s)',s.uptime],['time',s.time],['application',s.application+' '+s.version],['firmware',s.firmware]]);}\n"
            + "function load(){fetch('status.json',{cache:'no-store'}).then(function(r){return r.json();})"
            + ".then(function(s){document.getElementById('err').textContent='';show(s);"
            + "document.getElementById('power').src='power.svg?t='+Date.now();})"
            + ".catch(function(e){document.getElementById('err').textContent='no answer from the gateway: '+e;});}\n"
            + "load();setInterval(load,5000);\n"
            + "</script></body></html>\n";
    }
}
