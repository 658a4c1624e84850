// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Gateway;
using MeterGateway.Health;
using MeterGateway.Readings;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Health
{
    /// <summary>
    /// The box sends the status page (<see cref="StatusPage.Send"/>) through the room after the status document in the
    /// loop's status buffer: the bytes are the page's, the document before that room is left as it was.
    /// </summary>
    [TestClass]
    public class StatusPageSendTests
    {
        [TestMethod]
        public void PageSentThroughTheRoomAfterTheDocumentIsThePage()
        {
            byte[] page = Utf8.GetBytes(StatusPage.Html);
            Assert.AreEqual(StatusPage.Html.Length, page.Length, "ASCII: its length is its byte count");
            byte[] buffer = new byte[GatewayLoop.StatusCapacity];
            int document = 4975; // the corpus's largest status document
            for (int i = 0; i < document; i++) buffer[i] = (byte)('a' + i % 26);
            PartCollector sink = new PartCollector(true);
            StatusPage.Send(buffer, document, new ChartWriter(), sink);
            Assert.AreEqual(page.Length, sink.Announced);
            Assert.AreEqual(StatusPage.Html, Utf8.GetString(sink.Bytes, 0, sink.Length));
            Assert.AreEqual(3, sink.Parts, "3,382 bytes through 1,529");
            int changed = 0;
            for (int i = 0; i < document; i++) if (buffer[i] != (byte)('a' + i % 26)) changed++;
            Assert.AreEqual(0, changed, "the document is left as it was");

            PartCollector head = new PartCollector(false);
            StatusPage.Send(buffer, 0, new ChartWriter(), head);
            Assert.AreEqual(page.Length, head.Announced);
            Assert.AreEqual(0, head.Parts);
        }
    }
}
