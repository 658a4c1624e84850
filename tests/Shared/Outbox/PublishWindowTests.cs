using nanoFramework.TestFramework;
using MeterGateway.Publishing;

namespace MeterGateway.Tests.Shared.Outbox
{
    /// <summary>The window of sets in flight that drains the outbox: ticket ranges, acknowledgements in any order, completion in order.</summary>
    [TestClass]
    public class PublishWindowTests
    {
        [TestMethod]
        public void SetsCompleteInTheOrderTheyWereOpenedWhateverTheOrderOfAcknowledgements()
        {
            PublishWindow window = new PublishWindow(2);
            Assert.IsTrue(window.Open(5, 1, 1000));
            Assert.IsFalse(window.Holds(10));
            window.Sent(10);
            window.Sent(11);
            window.Sent(12);
            window.Close();
            Assert.IsTrue(window.Open(6, 2, 1200));
            window.Sent(13);
            window.Close();
            Assert.IsTrue(window.IsFull);
            Assert.IsFalse(window.Open(7, 3, 1300));
            Assert.AreEqual(5L, window.OldestSequence);
            Assert.AreEqual(1000L, window.OldestSentMs);
            Assert.IsTrue(window.Holds(12));
            Assert.IsTrue(window.Holds(13));
            Assert.IsFalse(window.Holds(9));
            Assert.IsFalse(window.Holds(14));
            long sequence;
            long take;
            Assert.IsTrue(window.Acknowledge(13));
            Assert.IsFalse(window.TakeCompleted(out sequence, out take));
            Assert.IsTrue(window.Acknowledge(11));
            Assert.IsTrue(window.Acknowledge(10));
            Assert.IsFalse(window.TakeCompleted(out sequence, out take));
            Assert.IsTrue(window.Acknowledge(12));
            // A repeated or unknown acknowledgement is ignored.
            Assert.IsFalse(window.Acknowledge(12));
            Assert.IsFalse(window.Acknowledge(14));
            Assert.IsTrue(window.TakeCompleted(out sequence, out take));
            Assert.AreEqual(5L, sequence);
            Assert.AreEqual(1L, take);
            Assert.IsTrue(window.TakeCompleted(out sequence, out take));
            Assert.AreEqual(6L, sequence);
            Assert.AreEqual(2L, take);
            Assert.AreEqual(0, window.Count);
            // An open set does not complete before it is closed, even with every message acknowledged.
            Assert.IsTrue(window.Open(7, 3, 1300));
            window.Sent(14);
            Assert.IsTrue(window.Acknowledge(14));
            Assert.IsFalse(window.TakeCompleted(out sequence, out take));
            window.Close();
            Assert.IsTrue(window.TakeCompleted(out sequence, out take));
            Assert.AreEqual(7L, sequence);
        }

        [TestMethod]
        public void ASetOfManyMessagesKeepsItsWholeTicketRange()
        {
            PublishWindow window = new PublishWindow(1);
            window.Open(9, 4, 0);
            for (long t = 1000; t < 1000 + 1500; t++) window.Sent(t);
            window.Close();
            Assert.IsTrue(window.Holds(2499));
            Assert.IsFalse(window.Holds(2500));
            long sequence;
            long take;
            for (long t = 2499; t >= 1000; t--) Assert.IsTrue(window.Acknowledge(t));
            Assert.IsTrue(window.TakeCompleted(out sequence, out take));
            Assert.AreEqual(9L, sequence);
        }
    }
}
