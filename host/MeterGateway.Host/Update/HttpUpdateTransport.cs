using System.Net;
using System.Net.Http.Headers;
using MeterGateway.Update;

namespace MeterGateway.Host.Update;

/// <summary>
/// <see cref="IUpdateTransport"/> over <see cref="HttpClient"/>: GET with <c>Range: bytes=N-</c> to resume. A 206
/// answer must start at N; a server that ignores ranges (200) is read from the start and the first N bytes skipped.
/// Any other status, or a network error, is a failed <see cref="Open"/>; an error while reading is −1. Synchronous,
/// as the core's step loop expects.
/// </summary>
public sealed class HttpUpdateTransport : IUpdateTransport, IDisposable
{
    private readonly HttpClient _client;
    private HttpResponseMessage? _response;
    private Stream? _body;

    /// <summary>A transport whose requests time out after <paramref name="timeout"/> (default 30 s).</summary>
    public HttpUpdateTransport(TimeSpan? timeout = null)
    {
        _client = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    /// <inheritdoc/>
    public bool Open(string url, int offset)
    {
        Close();
        try
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (offset > 0) request.Headers.Range = new RangeHeaderValue(offset, null);
            _response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead);
            _body = _response.Content.ReadAsStream();
            if (_response.StatusCode == HttpStatusCode.PartialContent && offset > 0)
            {
                if (_response.Content.Headers.ContentRange?.From == offset) return true;
            }
            else if (_response.StatusCode == HttpStatusCode.OK)
            {
                if (Skip(offset)) return true;
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or InvalidOperationException or UriFormatException)
        {
        }
        Close();
        return false;
    }

    /// <inheritdoc/>
    public int Read(byte[] buffer, int offset, int count)
    {
        if (_body == null) return -1;
        try
        {
            return _body.Read(buffer, offset, count);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or ObjectDisposedException)
        {
            return -1;
        }
    }

    /// <inheritdoc/>
    public void Close()
    {
        _body?.Dispose();
        _response?.Dispose();
        _body = null;
        _response = null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Close();
        _client.Dispose();
    }

    private bool Skip(int count)
    {
        var scratch = new byte[4096];
        while (count > 0)
        {
            int n = _body!.Read(scratch, 0, Math.Min(count, scratch.Length));
            if (n <= 0) return false;
            count -= n;
        }
        return true;
    }
}
