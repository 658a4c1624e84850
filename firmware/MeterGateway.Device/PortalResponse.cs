namespace MeterGateway.Device
{
    /// <summary>An HTTP response of the provisioning portal, for the ESP32's web server (<c>Platform/PortalServer</c>) to send as is.</summary>
    public sealed class PortalResponse
    {
        /// <summary>HTTP status code: 200, 302 (to the form), 400 (the form again with an error), 404, 405 or 413.</summary>
        public readonly int Status;
        /// <summary>Content-Type header value.</summary>
        public readonly string ContentType;
        /// <summary>Location header for 302, else null.</summary>
        public readonly string Location;
        /// <summary>The body (UTF-8), possibly empty.</summary>
        public readonly byte[] Body;

        /// <summary>A response.</summary>
        public PortalResponse(int status, string contentType, string location, byte[] body)
        {
            Status = status;
            ContentType = contentType;
            Location = location;
            Body = body;
        }
    }
}
