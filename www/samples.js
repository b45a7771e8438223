// Sample customers of the dashboard (the PayFunc customer model). Names are display-only.
export const NAMES = {
  "c-1001": "Nordic Coffee AB",
  "c-1002": "Café Lumière",
  "c-1003": "Tokyo Ramen KK",
  "c-1004": "Broken Data Ltd",
};

export const CUSTOMERS = [
  {
    id: "c-1001", currency: "SEK", status: "active", total: "150.00",
    limit: { hard: 5000, soft: 2000 }, schedule: [1, 3, 7],
    balance: [
      { number: "A-100", name: "Espresso beans 1 kg", price: "119.60", quantity: "2", vat: "29.90" },
      { number: "B-220", name: "Oat milk", price: "24.95", quantity: "6", unit: "l", vat: "3.00", rebate: "1.50" },
      { number: "S-001", name: "Delivery", price: "49.00" },
    ],
  },
  {
    id: "c-1002", currency: "EUR", status: "pending", total: "0", schedule: [2],
    balance: [
      { number: "C-12", name: "Croissants", price: "1.35", quantity: "40", vat: "0.07" },
      { number: "C-19", name: "Baguette", price: "0.95", quantity: "25", vat: "0.05" },
    ],
  },
  {
    id: "c-1003", currency: "JPY", status: "active", total: "5000",
    balance: [{ number: "R-1", name: "Noodles 5 kg", price: "3200", quantity: "1", vat: "320" }],
  },
  { id: "c-1004", currency: "XXX", status: "active", total: "-5", balance: [{ price: "12,50" }] },
];
