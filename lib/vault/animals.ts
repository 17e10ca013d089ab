/** The 20 animals of the visual confirmation grid (shared by the server and the browser). */
export const ANIMALS = ["Ape", "Bat", "Bear", "Whale", "Crow", "Dog", "Duck", "Cat", "Wasp", "Fox", "Gull", "Hyena", "Lion", "Panda", "Rat", "Shark", "Spider", "Turtle", "Wolf", "Zebra"] as const;
export type Animal = (typeof ANIMALS)[number];
