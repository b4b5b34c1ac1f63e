import { fireEvent, render, screen } from '@testing-library/react';
import { TimeSeriesChart } from './TimeSeriesChart';

const data = [
  { date: '2026-11-30', messages: 4, revenue: 0 },
  { date: '2026-12-01', messages: 10, revenue: 144 },
  { date: '2026-12-02', messages: 6, revenue: 60 },
];

describe('TimeSeriesChart', () => {
  it('draws an area and bars, and the arrow keys read each day', () => {
    const { container } = render(
      <TimeSeriesChart
        title="Messages and revenue per day"
        data={data}
        series={[
          { key: 'messages', label: 'Messages', color: '#4f46e5' },
          {
            key: 'revenue',
            label: 'Revenue',
            color: '#c026d3',
            kind: 'bar',
            axis: 'right',
            format: (n) => `$${n.toFixed(2)}`,
          },
        ]}
      />,
    );
    const chart = screen.getByRole('img', { name: 'Messages and revenue per day' });
    // Two days with revenue: two bars; the area's fill and its line.
    expect(container.querySelectorAll('rect')).toHaveLength(2);
    expect(container.querySelectorAll('path')).toHaveLength(2);

    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    expect(screen.getByRole('status').textContent).toContain('Revenue: $60.00');
    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    expect(screen.getByRole('status').textContent).toContain('Messages: 10');
    expect(screen.getByRole('status').textContent).toContain('Revenue: $144.00');
  });
});
