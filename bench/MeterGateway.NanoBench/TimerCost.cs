using System;
using System.Threading;

namespace MeterGateway.NanoBench
{
    /// <summary>
    /// What a periodic <c>System.Threading.Timer</c> costs between its ticks, as the box's watchdog
    /// (firmware/MeterGateway/Platform/Esp32Watchdog.cs) and status LED keep one: the heap in use after a collection with
    /// the timers made, each fired once and its callback done, less before. The first timer of the process is measured
    /// alone, as in the nanoCLR its first tick makes the runtime's timer thread, which then stays (on the box the status
    /// LED's timer has made it); then <see cref="Timers"/> more together, per timer. Compare a thread sleeping in a loop
    /// (<see cref="ThreadCost"/>).
    /// </summary>
    public sealed class TimerCost
    {
        /// <summary>Further timers measured together.</summary>
        public const int Timers = 8;

        /// <summary>The timers' period, in ms: none ticks a second time while measured.</summary>
        public const int PeriodMs = 600000;

        private int _fired;

        /// <summary>Prints the first timer's cost (the timer thread included) and that of each further timer (bytes).</summary>
        public static void Run()
        {
            TimerCost cost = new TimerCost();
            Timer[] first = new Timer[1];
            Timer[] more = new Timer[Timers];
            long firstBytes = cost.Start(first);
            long moreBytes = cost.Start(more) / Timers;
            Stop(first);
            Stop(more);
            Console.WriteLine("one more periodic Timer between ticks (bytes): each " + moreBytes + " (" + Timers + " measured together); the process's first "
                + firstBytes + ", so the runtime's timer thread " + (firstBytes - moreBytes));
        }

        // Makes the timers (kept in timers), waits until each has ticked once and its callback is done; the heap it took.
        private long Start(Timer[] timers)
        {
            int goal = Interlocked.CompareExchange(ref _fired, 0, 0) + timers.Length;
            long before = Settled();
            for (int i = 0; i < timers.Length; i++) timers[i] = new Timer(Tick, null, 0, PeriodMs);
            while (Interlocked.CompareExchange(ref _fired, 0, 0) < goal) Thread.Sleep(10);
            return Settled() - before;
        }

        // The heap in use once the runtime has let go of what ended before (threads ended by ThreadCost, the last callback
        // returned): sampled every 100 ms until it stops falling.
        private static long Settled()
        {
            long used = Program.Used();
            for (int i = 0; i < 10; i++)
            {
                Thread.Sleep(100);
                long again = Program.Used();
                if (again >= used) break;
                used = again;
            }
            return used;
        }

        private static void Stop(Timer[] timers)
        {
            for (int i = 0; i < timers.Length; i++) timers[i].Dispose();
        }

        private void Tick(object unused)
        {
            Interlocked.Increment(ref _fired);
        }
    }
}
