using System.Collections.Concurrent;
using System.Net;

namespace MeterGateway.Host.Watch;

/// <summary>
/// <c>watch --attach URL</c>: reads <c>status.json</c> of a running gateway (<c>run --http</c> or the box's status page,
/// docs/status-page.md) once a second, read-only, and hands each document (or why there is none) to the screen.
/// </summary>
public static class AttachedStatus
{
    /// <summary>Time between two requests.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The address of the status document for <c>--attach</c>: <c>http://host:port/</c>, <c>host:port</c> (http assumed)
    /// or the document's own address (<c>…/status.json</c>). Anything else is a <see cref="Cli.UsageException"/>.
    /// </summary>
    public static Uri StatusUrl(string attach)
    {
        string text = attach.Contains("://", StringComparison.Ordinal) ? attach : "http://" + attach;
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new Cli.UsageException($"--attach {attach}: expected the gateway's status page, e.g. http://192.168.1.50/ or 127.0.0.1:8080");
        if (url.AbsolutePath.EndsWith(".json", StringComparison.Ordinal)) return url;
        return new Uri(url, url.AbsolutePath.EndsWith('/') ? "status.json" : url.AbsolutePath + "/status.json");
    }

    /// <summary>Reads <paramref name="url"/> every <see cref="Interval"/> until <paramref name="stop"/>.</summary>
    public static async Task PollAsync(Uri url, BlockingCollection<WatchUpdate> updates, CancellationToken stop)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (!stop.IsCancellationRequested)
        {
            updates.Add(await GetAsync(http, url, stop));
            try
            {
                await Task.Delay(Interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<WatchUpdate> GetAsync(HttpClient http, Uri url, CancellationToken stop)
    {
        try
        {
            using HttpResponseMessage response = await http.GetAsync(url, stop);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable) return new WatchUpdate(null, $"{url}: the gateway is starting");
            if (!response.IsSuccessStatusCode) return new WatchUpdate(null, $"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            return new WatchUpdate(await response.Content.ReadAsByteArrayAsync(stop), null);
        }
        catch (HttpRequestException e)
        {
            return new WatchUpdate(null, $"{url}: {e.Message}");
        }
        catch (TaskCanceledException) when (!stop.IsCancellationRequested)
        {
            return new WatchUpdate(null, $"{url}: no answer within 5 s");
        }
    }
}
