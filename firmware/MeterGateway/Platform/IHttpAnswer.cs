namespace MeterGateway.Platform
{
    /// <summary>What one of the box's web servers answers (<see cref="HttpServerSocket.ServeOnThread"/>).</summary>
    public interface IHttpAnswer
    {
        /// <summary>
        /// Answers the request in <paramref name="socket"/>'s <see cref="HttpServerSocket.Request"/>, on the server's
        /// thread, with <see cref="HttpServerSocket.Answer"/> (or <see cref="HttpServerSocket.Head"/> and its parts).
        /// </summary>
        void Answer(HttpServerSocket socket);
    }
}
