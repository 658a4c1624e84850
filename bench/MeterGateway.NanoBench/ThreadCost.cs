using System;
using System.Threading;

namespace MeterGateway.NanoBench
{
    /// <summary>
    /// What one more thread costs, as the box's own threads (firmware/MeterGateway: the status page server, the telegram
    /// server's listener, the loader's watch): <see cref="Threads"/> threads started and blocked in <c>WaitOne</c>, or
    /// sleeping in a loop of <c>Thread.Sleep</c> (as a periodic task would, against <see cref="TimerCost"/>), the heap in
    /// use after a collection with them blocked less before, per thread. In the nanoCLR the
    /// thread, its delegate and every stack frame are on the managed heap, so a thread blocked deeper costs more; on .NET
    /// only the thread's object is (its stack is native memory).
    /// </summary>
    public sealed class ThreadCost
    {
        /// <summary>Threads measured together.</summary>
        public const int Threads = 8;

        /// <summary>The sleep of a thread in its loop, in ms (the loop ends within it once the measurement is done).</summary>
        public const int SleepMs = 100;

        private readonly ManualResetEvent _go = new ManualResetEvent(false);
        private readonly int _depth;
        private readonly bool _sleep;
        private int _waiting;
        private bool _stop;

        private ThreadCost(int depth, bool sleep)
        {
            _depth = depth;
            _sleep = sleep;
        }

        /// <summary>
        /// Prints the cost of a thread blocked in its own method, and two calls below it, and of a thread sleeping in a loop
        /// in its own method (bytes each).
        /// </summary>
        public static void Run()
        {
            new ThreadCost(2, false).PerThread(); // the runtime's first threads and waits make caches that stay
            new ThreadCost(0, true).PerThread();
            long shallow = new ThreadCost(0, false).PerThread();
            long deep = new ThreadCost(2, false).PerThread();
            long sleeping = new ThreadCost(0, true).PerThread();
            Console.WriteLine("one more thread blocked in WaitOne (bytes each, " + Threads + " measured together): in the thread's method " + shallow
                + ", two calls below it " + deep + " (" + ((deep - shallow) / 2) + " a call); sleeping in a loop of Thread.Sleep in its method " + sleeping);
        }

        private long PerThread()
        {
            Thread[] threads = new Thread[Threads];
            long before = Program.Used();
            for (int i = 0; i < Threads; i++)
            {
                threads[i] = new Thread(Block);
                threads[i].Start();
            }
            while (Interlocked.CompareExchange(ref _waiting, 0, 0) < Threads) Thread.Sleep(10);
            Thread.Sleep(50); // the last one from its count into WaitOne
            long blocked = Program.Used();
            _stop = true;
            _go.Set();
            for (int i = 0; i < Threads; i++) threads[i].Join();
            Thread.Sleep(100); // the runtime lets an ended thread go at its next pass
            return (blocked - before) / Threads;
        }

        // The thread's method: sleeps in a loop, waits itself (depth 0) or calls Below.
        private void Block()
        {
            if (_sleep)
            {
                Interlocked.Increment(ref _waiting);
                while (!_stop) Thread.Sleep(SleepMs);
                return;
            }
            if (_depth > 0)
            {
                Below(_depth);
                return;
            }
            Interlocked.Increment(ref _waiting);
            _go.WaitOne();
        }

        // depth calls below the thread's method, the last one waiting.
        private void Below(int depth)
        {
            if (depth > 1)
            {
                Below(depth - 1);
                return;
            }
            Interlocked.Increment(ref _waiting);
            _go.WaitOne();
        }
    }
}
