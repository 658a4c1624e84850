namespace MeterGateway.Health
{
    /// <summary>
    /// Where a <see cref="ChartWriter"/> hands what it writes, a part at a time, so that a long answer needs no buffer
    /// of its whole length (the box's status page: the power chart through the loop's status buffer to the socket,
    /// <see cref="PowerChart.Send"/>).
    /// </summary>
    public interface IPartSink
    {
        /// <summary>
        /// The whole answer's length in bytes, before its first part (an HTTP answer's <c>Content-Length</c>). False when no
        /// parts are wanted (a <c>HEAD</c> request, a client gone).
        /// </summary>
        bool Begin(int length);

        /// <summary>
        /// Takes the next <paramref name="count"/> bytes of the answer from <paramref name="buffer"/> at
        /// <paramref name="offset"/> (the buffer is written again after the call returns). False when the rest is not
        /// wanted (the client went away): the writer hands no more parts.
        /// </summary>
        bool Part(byte[] buffer, int offset, int count);
    }
}
